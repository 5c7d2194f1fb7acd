using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class MetricConfiguration : IEntityTypeConfiguration<MetricEntity>
{
    public void Configure(EntityTypeBuilder<MetricEntity> builder)
    {
        builder.ToTable("Metrics");
        builder.Property(m => m.Name).HasMaxLength(64);
        builder.Property(m => m.Split).HasMaxLength(16);
        builder.HasIndex(m => new { m.RunId, m.Name, m.Split, m.Epoch });
        builder.HasOne(m => m.Run).WithMany(r => r.Metrics).HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
