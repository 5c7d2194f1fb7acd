using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PairwiseCL.Store.Migrations
{
    /// <inheritdoc />
    public partial class AddLabelProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EncoderSet",
                table: "LabelEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QueuePosition",
                table: "LabelEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "LabelEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Strategy",
                table: "LabelEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EncoderSet",
                table: "LabelEvents");

            migrationBuilder.DropColumn(
                name: "QueuePosition",
                table: "LabelEvents");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "LabelEvents");

            migrationBuilder.DropColumn(
                name: "Strategy",
                table: "LabelEvents");
        }
    }
}
