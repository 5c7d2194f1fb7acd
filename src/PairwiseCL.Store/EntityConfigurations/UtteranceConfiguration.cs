using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class UtteranceConfiguration : IEntityTypeConfiguration<UtteranceEntity>
{
    public void Configure(EntityTypeBuilder<UtteranceEntity> builder)
    {
        builder.ToTable("Utterances");
        builder.HasIndex(u => new { u.CorpusId, u.Key }).IsUnique();
        // The grid filters by these within one corpus.
        builder.HasIndex(u => new { u.CorpusId, u.Speaker });
        builder.HasIndex(u => new { u.CorpusId, u.Session });
        builder.HasIndex(u => new { u.CorpusId, u.Label });
        builder.HasOne(u => u.Corpus).WithMany(c => c.Utterances).HasForeignKey(u => u.CorpusId).OnDelete(DeleteBehavior.Cascade);
    }
}
