using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class RunConfiguration : IEntityTypeConfiguration<RunEntity>
{
    public void Configure(EntityTypeBuilder<RunEntity> builder)
    {
        builder.ToTable("Runs");
        builder.Property(r => r.Method).HasMaxLength(64);
        builder.Property(r => r.View).HasMaxLength(128);
        builder.Property(r => r.ConfigurationHash).HasMaxLength(64);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        // A run is idempotent per configuration hash within an experiment: never stored twice.
        builder.HasIndex(r => new { r.ExperimentId, r.ConfigurationHash }).IsUnique();
        builder.HasOne(r => r.Experiment).WithMany(e => e.Runs).HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Job).WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.SetNull);
    }
}
