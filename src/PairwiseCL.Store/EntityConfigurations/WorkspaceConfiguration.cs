using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.EntityConfigurations;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Slug).HasMaxLength(64);
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.HasIndex(w => w.Slug).IsUnique();
    }
}
