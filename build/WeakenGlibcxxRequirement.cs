using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the Elf64_Vernaux entry that requires <see cref="VersionName"/>, but only
/// when none of the system's libstdc++ copies defines that version (so a newer distribution is left alone).
/// </summary>
public sealed class WeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";
    [Required] public string SystemLibraries { get; set; } = "";

    public override bool Execute()
    {
        var systemLib = SystemLibraries.Split(';').FirstOrDefault(File.Exists);
        if (systemLib is null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++ found; nothing to patch.");
            return true;
        }
        if (ContainsAscii(File.ReadAllBytes(systemLib), VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"{systemLib} defines {VersionName}; nothing to patch.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var outcome = Weaken(bytes, VersionName);
                if (outcome == "patched")
                {
                    File.WriteAllBytes(path, bytes);
                    Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {path} ({systemLib} lacks it).");
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: {outcome}.");
                }
            }
            catch (Exception ex)
            {
                Log.LogError($"Could not patch {path}: {ex.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        // Code tasks compile against netstandard, so no Span search: a plain scan is fine for 2 MiB.
        var pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (var i = 0; i + pattern.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }

    /// <returns>"patched", "already weak" or "no such requirement".</returns>
    private static string Weaken(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        var sectionHeaderOffset = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);

        for (var s = 0; s < sectionCount; s++)
        {
            var header = (int)(sectionHeaderOffset + s * sectionHeaderSize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;

            var sectionOffset = (int)BitConverter.ToUInt64(elf, header + 0x18);
            var linkedStrings = (int)BitConverter.ToUInt32(elf, header + 0x28);
            var needCount = (int)BitConverter.ToUInt32(elf, header + 0x2C);
            var stringsHeader = (int)(sectionHeaderOffset + linkedStrings * sectionHeaderSize);
            var stringsOffset = (int)BitConverter.ToUInt64(elf, stringsHeader + 0x18);

            var need = sectionOffset;
            for (var n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var nameOffset = stringsOffset + (int)BitConverter.ToUInt32(elf, aux + 8);
                    var end = Array.IndexOf(elf, (byte)0, nameOffset);
                    if (Encoding.ASCII.GetString(elf, nameOffset, end - nameOffset) == versionName)
                    {
                        var flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlagWeak) != 0) return "already weak";
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, aux + 4);
                        return "patched";
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
        return "no such requirement";
    }
}
