using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>
/// Extracts all 188 emodb-dev utterances once (in parallel) and loads openSMILE's functionals and LLD CSVs for
/// them, so every parity test of the class compares against the same run.
/// </summary>
public sealed class EgemapsReferenceFixture
{
    public EgemapsReferenceFixture()
    {
        var root = SharedData.EmoDbDev;
        Reference = OpenSmileCsv.Read(Path.Combine(root, "opensmile", "egemaps_v02_functionals.csv"));
        Speakers = File.ReadAllLines(Path.Combine(root, "labels.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(cells => cells[1], cells => cells[2]);
        var names = Reference.Rows.Select(r => r.Name).ToArray();
        var extractor = new EgemapsExtractor();
        var results = new EgemapsResult[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            results[i] = extractor.Extract(WavReader.Read(Path.Combine(root, "wav", names[i] + ".wav"))));
        Ours = names.Zip(results).ToDictionary(p => p.First, p => p.Second);
        ReferenceLld = names.ToDictionary(n => n, n => OpenSmileCsv.Read(Path.Combine(root, "opensmile", "lld", n + ".csv")));
    }

    public OpenSmileTable Reference { get; }
    public IReadOnlyDictionary<string, string> Speakers { get; }
    public IReadOnlyDictionary<string, EgemapsResult> Ours { get; }
    public IReadOnlyDictionary<string, OpenSmileTable> ReferenceLld { get; }

    /// <summary>Our functionals as a table shaped like openSMILE's, restricted to utterances passing the filter.</summary>
    public (OpenSmileTable Reference, OpenSmileTable Ours) Tables(Func<string, bool> include)
    {
        var rows = Reference.Rows.Where(r => include(r.Name)).ToList();
        var ours = rows.Select(r => (r.Name, Ours[r.Name].Functionals.Select(v => (double)v).ToArray())).ToList();
        return (Reference with { Rows = rows }, new OpenSmileTable(EgemapsFeatureNames.Functionals, ours));
    }
}
