namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>How clips are brought to the model and which frames are kept.</summary>
public enum Wav2Vec2Padding
{
    /// <summary>
    /// The paper's input (default): every clip trimmed or zero-padded to the clip length and run without an
    /// attention mask (as torchaudio does when given no lengths), but only the frames covering real audio
    /// are kept, about 3x less to store for typical 3-5 s emotional speech.
    /// </summary>
    FixedLengthRealFramesOnly,

    /// <summary>As <see cref="FixedLengthRealFramesOnly"/> but every frame, padding included, is kept.</summary>
    FixedLengthAllFrames,

    /// <summary>Clips are only trimmed, never padded: each runs at its own length (one clip per model call).</summary>
    TrimOnly,
}
