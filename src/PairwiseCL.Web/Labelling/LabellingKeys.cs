namespace PairwiseCL.Web.Labelling;

/// <summary>What a key does on the labelling page (the browser sends <c>KeyboardEvent.key</c>).</summary>
public static class LabellingKeys
{
    public const string Replay = " ";
    public const string Previous = "ArrowLeft";
    public const string Next = "ArrowRight";

    public static bool IsUndo(string key) => key is "u" or "U";

    /// <summary>The class index (0-based) for keys 1..9, or null.</summary>
    public static int? ClassIndex(string key) => key.Length == 1 && key[0] is >= '1' and <= '9' ? key[0] - '1' : null;
}
