using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<ExperimentEntity>
{
    public void Configure(EntityTypeBuilder<ExperimentEntity> builder)
    {
        builder.ToTable("Experiments");
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.ConfigurationHash).HasMaxLength(64);
        builder.Property(e => e.ImportedCorpusName).HasMaxLength(200);
        builder.HasIndex(e => e.ConfigurationHash);
        builder.HasOne(e => e.Workspace).WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        // Restrict: the database itself refuses to drop a corpus an experiment was trained on.
        builder.HasOne(e => e.PretrainCorpus).WithMany().HasForeignKey(e => e.PretrainCorpusId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.FinetuneCorpus).WithMany().HasForeignKey(e => e.FinetuneCorpusId).OnDelete(DeleteBehavior.Restrict);
    }
}
