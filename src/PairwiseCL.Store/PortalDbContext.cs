using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store;

/// <summary>The portal's one database (SQLite or PostgreSQL): Identity tables plus the lab's workspaces, corpora, jobs and results.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<CorpusEntity> Corpora => Set<CorpusEntity>();

    public DbSet<UtteranceEntity> Utterances => Set<UtteranceEntity>();

    public DbSet<LabelSetEntity> LabelSets => Set<LabelSetEntity>();

    public DbSet<LabelEvent> LabelEvents => Set<LabelEvent>();

    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    public DbSet<ExperimentEntity> Experiments => Set<ExperimentEntity>();

    public DbSet<RunEntity> Runs => Set<RunEntity>();

    public DbSet<MetricEntity> Metrics => Set<MetricEntity>();

    public DbSet<ArtifactEntity> Artifacts => Set<ArtifactEntity>();

    public DbSet<ShareLinkEntity> ShareLinks => Set<ShareLinkEntity>();

    public DbSet<ApiTokenEntity> ApiTokens => Set<ApiTokenEntity>();

    public DbSet<StoreSetting> StoreSettings => Set<StoreSetting>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        StoreProviders.ConfigureConventions(configurationBuilder, Database.IsNpgsql());
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
