using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Multi-head self-attention with biased q/k/v/out projections, no mask (whole clip attends).</summary>
internal sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> kProj;
    private readonly nn.Module<Tensor, Tensor> vProj;
    private readonly nn.Module<Tensor, Tensor> qProj;
    private readonly nn.Module<Tensor, Tensor> outProj;
    private readonly int heads;

    public SelfAttention(int embedDim, int heads) : base(nameof(SelfAttention))
    {
        this.heads = heads;
        kProj = nn.Linear(embedDim, embedDim);
        vProj = nn.Linear(embedDim, embedDim);
        qProj = nn.Linear(embedDim, embedDim);
        outProj = nn.Linear(embedDim, embedDim);
        register_module("k_proj", kProj);
        register_module("v_proj", vProj);
        register_module("q_proj", qProj);
        register_module("out_proj", outProj);
    }

    public override Tensor forward(Tensor x)
    {
        var (batch, length, dim) = (x.shape[0], x.shape[1], x.shape[2]);
        Tensor Heads(nn.Module<Tensor, Tensor> projection) => projection.forward(x).view(batch, length, heads, dim / heads).transpose(1, 2);
        // Scale 1/sqrt(head_dim), as torchaudio and Hugging Face use.
        var attended = nn.functional.scaled_dot_product_attention(Heads(qProj), Heads(kProj), Heads(vProj));
        return outProj.forward(attended.transpose(1, 2).reshape(batch, length, dim));
    }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
