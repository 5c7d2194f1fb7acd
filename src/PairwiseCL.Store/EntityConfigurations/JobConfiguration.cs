using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<JobEntity>
{
    public void Configure(EntityTypeBuilder<JobEntity> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Kind).HasMaxLength(64);
        builder.Property(j => j.Device).HasMaxLength(32);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Worker).HasMaxLength(128);
        // A fanned-out job's coordinator lists its parts every second.
        builder.HasIndex(j => j.ParentJobId);
        // The dispatcher asks "oldest queued job for this device" on every poll.
        builder.HasIndex(j => new { j.State, j.Device, j.Id });
        builder.HasOne(j => j.Workspace).WithMany().HasForeignKey(j => j.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
