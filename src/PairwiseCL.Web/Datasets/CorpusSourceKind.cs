namespace PairwiseCL.Web.Datasets;

/// <summary>Where a new corpus comes from.</summary>
public enum CorpusSourceKind
{
    /// <summary>An uploaded zip of audio files and a labels CSV.</summary>
    Archive,

    /// <summary>A CSV manifest on the server.</summary>
    Manifest,

    /// <summary>An IEMOCAP release folder on the server.</summary>
    Iemocap,

    /// <summary>A folder of EmoDB-named wav files on the server.</summary>
    EmoDb,

    /// <summary>A server folder with one sub-folder of audio per label.</summary>
    FolderPerLabel,

    /// <summary>The generated demo corpus.</summary>
    Synthetic,
}
