using System.Net;

namespace PairwiseCL.Web.Security;

/// <summary>
/// User text (labels, sessions, utterance ids, experiment names) on its way into a chart library that
/// reads its strings as markup. Blazor encodes what Razor renders, but MudBlazor writes axis labels
/// through a MarkupString, and Plotly parses tags and entities in names, tick labels and hover text.
/// </summary>
public static class ChartText
{
    /// <summary>For MudChart's <c>ChartLabels</c>: HTML-encoded, so the browser shows the text as written.</summary>
    public static string[] MudAxisLabels(IEnumerable<string> labels) => labels.Select(label => WebUtility.HtmlEncode(label)).ToArray();

    /// <summary>
    /// For any Plotly string (trace name, tick label, hover text, title): &amp;, &lt; and &gt; become
    /// entities, which Plotly decodes for display, so no tag of ours or Plotly's is ever formed.
    /// </summary>
    public static string Plotly(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string[] Plotly(IEnumerable<string> texts) => texts.Select(Plotly).ToArray();
}
