using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class LabelSetConfiguration : IEntityTypeConfiguration<LabelSetEntity>
{
    public void Configure(EntityTypeBuilder<LabelSetEntity> builder)
    {
        builder.ToTable("LabelSets");
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.HasIndex(l => new { l.CorpusId, l.Name }).IsUnique();
        builder.HasOne(l => l.Corpus).WithMany(c => c.LabelSets).HasForeignKey(l => l.CorpusId).OnDelete(DeleteBehavior.Cascade);
    }
}
