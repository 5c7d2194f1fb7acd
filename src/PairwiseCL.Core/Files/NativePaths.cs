using System.Runtime.InteropServices;
using System.Text;

namespace PairwiseCL.Core.Files;

/// <summary>
/// What the operating system says a path is: its canonical form with every link resolved (realpath), and
/// on Linux the (device, inode) pair that names the file itself, so a link or second hard link to a file
/// is recognised as that file. Either answer is null where the platform cannot give it.
/// </summary>
internal static class NativePaths
{
    private const int PathMax = 4096;

    // struct stat begins with st_dev and st_ino (8 bytes each) on 64-bit Linux (x64 and arm64); the buffer covers the whole struct.
    private const int StatBufferBytes = 256;

    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            var resolved = new byte[PathMax + 1];
            if (realpath(Encode(path), resolved) == IntPtr.Zero) return null;
            return Encoding.UTF8.GetString(resolved, 0, Array.IndexOf(resolved, (byte)0));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static (ulong Device, ulong Inode)? Identity(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return null;
        try
        {
            var buffer = new byte[StatBufferBytes];
            if (stat(Encode(path), buffer) != 0) return null;
            return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // glibc before 2.33 exports no plain 'stat'; path comparison still applies
        }
    }

    private static byte[] Encode(string path) => Encoding.UTF8.GetBytes(path + '\0');

#pragma warning disable SYSLIB1054 // byte arrays are blittable: no generated marshalling (and no unsafe code) is needed
    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath(byte[] path, byte[] resolved);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(byte[] path, byte[] buffer);
#pragma warning restore SYSLIB1054
}
