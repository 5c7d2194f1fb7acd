using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLinkEntity>
{
    public void Configure(EntityTypeBuilder<ShareLinkEntity> builder)
    {
        builder.ToTable("ShareLinks");
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasOne(s => s.Experiment).WithMany().HasForeignKey(s => s.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}
