using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PairwiseCL.Store.Migrations
{
    /// <inheritdoc />
    public partial class AddModelsAndExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "FinetuneCorpusId",
                table: "Experiments",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "ImportedCorpusName",
                table: "Experiments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImportedCorpusName",
                table: "Experiments");

            migrationBuilder.AlterColumn<int>(
                name: "FinetuneCorpusId",
                table: "Experiments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
