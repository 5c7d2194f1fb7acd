using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Web.Corpora;

/// <summary>Why a corpus cannot be deleted, with a link to each experiment that uses it (names are users' text: encoded).</summary>
public static class CorpusInUse
{
    public static MarkupString Explain(string corpusName, IReadOnlyList<DependentExperiment> experiments)
    {
        var html = HtmlEncoder.Default;
        var text = new StringBuilder()
            .Append("<p>'").Append(html.Encode(corpusName)).Append("' cannot be deleted: ")
            .Append(experiments.Count).Append(experiments.Count == 1 ? " experiment uses" : " experiments use")
            .Append(" it, and results must stay traceable to their data. Delete these first:</p><ul data-testid=\"dependent-experiments\">");
        foreach (var experiment in experiments)
            text.Append("<li><a href=\"experiments/").Append(experiment.Id).Append("\">").Append(html.Encode(experiment.Name)).Append("</a></li>");
        return new MarkupString(text.Append("</ul>").ToString());
    }
}
