using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class CorpusConfiguration : IEntityTypeConfiguration<CorpusEntity>
{
    public void Configure(EntityTypeBuilder<CorpusEntity> builder)
    {
        builder.ToTable("Corpora");
        builder.Property(c => c.Name).HasMaxLength(200);
        // Names identify a corpus on the CLI (`--corpus emodb`), so they are unique per workspace.
        builder.HasIndex(c => new { c.WorkspaceId, c.Name }).IsUnique();
        builder.HasOne(c => c.Workspace).WithMany(w => w.Corpora).HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
