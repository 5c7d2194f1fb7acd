using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// The pre-training model of Figure 1a: per view an encoder f_i and a projection head g_i; z_i = g_i(f_i(x_i)).
/// </summary>
public sealed class PairwiseClModel : nn.Module
{
    private readonly ModuleDict<ViewEncoder> encoders = new();
    private readonly ModuleDict<ProjectionHead> heads = new();

    public PairwiseClModel(IReadOnlyList<string> views, ModelArchitecture architecture) : base(nameof(PairwiseClModel))
    {
        if (views.Count < 2)
            throw new ArgumentException($"Pairwise-CL needs at least two views, got {views.Count}.", nameof(views));
        if (views.Distinct().Count() != views.Count)
            throw new ArgumentException($"Views must be distinct: {string.Join(", ", views)}.", nameof(views));
        Views = views.ToArray();
        foreach (var view in Views)
        {
            var encoder = architecture.CreateEncoder(view);
            encoders.Add(view, encoder);
            heads.Add(view, new ProjectionHead(encoder.OutputSize, architecture.Projection));
        }
        RegisterComponents();
    }

    public IReadOnlyList<string> Views { get; }

    public ViewEncoder Encoder(string view) => encoders[view];

    public ProjectionHead Head(string view) => heads[view];

    /// <summary>Projected representations z, one [B, P] tensor per view in <see cref="Views"/> order.</summary>
    public IReadOnlyList<Tensor> Project(IReadOnlyDictionary<string, ViewInput> batch) =>
        Views.Select(view =>
        {
            var input = batch.TryGetValue(view, out var found) ? found : throw new ArgumentException($"The batch has no '{view}' view.", nameof(batch));
            return heads[view].forward(encoders[view].forward(input.Features, input.ValidFrames));
        }).ToArray();
}
