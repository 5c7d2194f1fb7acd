namespace PairwiseCL.Web.Labelling;

/// <summary>The labelling page's queue orders as they appear in its address (?order=…) and its Order choice.</summary>
public static class LabellingOrders
{
    public const string File = "file", Random = "random", InformativePrefix = "informative:", LeastConfidentPrefix = "least-confident:";

    /// <summary>The clips a corpus model predicted, least confident first ("send the least confident to the labelling queue").</summary>
    public static string LeastConfident(long modelJobId) => LeastConfidentPrefix + modelJobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
