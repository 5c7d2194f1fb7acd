using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class LabelEventConfiguration : IEntityTypeConfiguration<LabelEvent>
{
    public void Configure(EntityTypeBuilder<LabelEvent> builder)
    {
        builder.HasIndex(e => new { e.UtteranceId, e.AtUtc });
        builder.Property(e => e.Strategy).HasMaxLength(64);
        builder.Property(e => e.EncoderSet).HasMaxLength(64);
        builder.HasOne(e => e.Utterance).WithMany().HasForeignKey(e => e.UtteranceId).OnDelete(DeleteBehavior.Cascade);
        // History outlives the account: a removed user leaves anonymous events behind.
        builder.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
