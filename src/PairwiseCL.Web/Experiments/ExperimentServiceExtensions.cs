using PairwiseCL.Core.Views.Wav2Vec2;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Sharing;

namespace PairwiseCL.Web.Experiments;

public static class ExperimentServiceExtensions
{
    /// <summary>Experiments, their job, results and share links (sections "Experiments" and "Wav2Vec2" configure them).</summary>
    public static void AddExperiments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExperimentOptions>().BindConfiguration(ExperimentOptions.SectionName);
        builder.Services.AddOptions<Wav2Vec2ViewOptions>().BindConfiguration(ExperimentViews.Wav2Vec2SectionName);
        builder.Services.AddSingleton<ExperimentViews>();
        builder.Services.AddSingleton<ExperimentRepository>();
        builder.Services.AddSingleton<ShareLinkRepository>();
        builder.Services.AddSingleton<ExperimentResultWriter>();
        builder.Services.AddSingleton<CorpusFeatures>();
        builder.Services.AddScoped<ExperimentExecution>();
        builder.Services.AddScoped<ActiveLearningExecution>();
        builder.Services.AddJobHandler<ExperimentJobHandler>();
        builder.Services.AddJobHandler<ExperimentAnalysisJobHandler>();
        // Under Hangfire an experiment fans out into parts (ExperimentFanOut) and waits for them on queue "control".
        builder.Services.AddScoped<ExperimentFanOut>();
        builder.Services.AddJobHandler<ExperimentPartJobHandler>();
        builder.Services.AddSingleton(new CoordinatingJobKind(ExperimentJobHandler.JobKind));
        builder.Services.AddJobHandler<EncoderSets.EncoderSetJobHandler>();
        builder.Services.AddScoped<EncoderSets.EncoderSetService>();
        builder.Services.AddJobHandler<LabelledModels.LabelledModelJobHandler>();
        builder.Services.AddJobHandler<LabelledModels.CorpusPredictionJobHandler>();
        builder.Services.AddScoped<LabelledModels.LabelledModelService>();
        builder.Services.AddScoped<ExperimentService>();
        builder.Services.AddSingleton<ReportViewCache>();
        builder.Services.AddScoped<ResultsService>();
        builder.Services.AddScoped<ShareLinkService>();
    }
}
