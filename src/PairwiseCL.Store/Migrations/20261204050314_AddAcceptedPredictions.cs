using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PairwiseCL.Store.Migrations
{
    /// <summary>An accepted model prediction is kept apart from a person's label (Utterances.ModelLabel).</summary>
    public partial class AddAcceptedPredictions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ModelLabel",
                table: "Utterances",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ModelLabel",
                table: "Utterances");
        }
    }
}
