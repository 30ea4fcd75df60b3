using System.Buffers.Binary;
using BulkMailer.Deployment.Options;

namespace BulkMailer.Deployment.Packaging;

/// <summary>
/// Reads the processor an ELF executable was built for from its header (System V ABI: the magic <c>7F 45 4C 46</c>,
/// then <c>e_machine</c> at offset 18 — 0xB7 AArch64, 0x3E x86-64), so `package` and the synth can refuse a bootstrap
/// that Lambda's chosen architecture would fail to start ("exec format error" on every invocation).
/// </summary>
public static class ElfArchitecture
{
    /// <summary>Bytes of the header this reader needs.</summary>
    public const int HeaderLength = 20;

    private const ushort MachineAarch64 = 0xB7;
    private const ushort MachineX86_64 = 0x3E;

    /// <summary>The architecture, or null when <paramref name="header"/> is not a 64-bit ELF for one of the two.</summary>
    public static FunctionArchitecture? Of(ReadOnlySpan<byte> header)
    {
        if (!IsElf(header) || header[4] != 2)
        {
            return null;
        }
        // EI_DATA (byte 5): 1 little-endian, 2 big-endian; both Lambda architectures are little-endian.
        var machine = header[5] == 2 ? BinaryPrimitives.ReadUInt16BigEndian(header[18..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
        return machine switch
        {
            MachineAarch64 => FunctionArchitecture.Arm64,
            MachineX86_64 => FunctionArchitecture.X86_64,
            _ => null,
        };
    }

    /// <summary>What the header is, for an error message: "ELF arm64", "ELF machine 0x28", "not an ELF executable".</summary>
    public static string Describe(ReadOnlySpan<byte> header)
    {
        if (!IsElf(header))
        {
            return "not an ELF executable";
        }
        if (Of(header) is { } architecture)
        {
            return $"ELF {Name(architecture)}";
        }
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
        return $"ELF machine 0x{machine:X2}";
    }

    /// <summary>The name cdk.json and `package --architecture` use.</summary>
    public static string Name(FunctionArchitecture architecture) => architecture == FunctionArchitecture.Arm64 ? "arm64" : "x86_64";

    /// <summary>The .NET runtime identifier to publish for.</summary>
    public static string RuntimeIdentifier(FunctionArchitecture architecture) => architecture == FunctionArchitecture.Arm64 ? "linux-arm64" : "linux-x64";

    private static bool IsElf(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderLength && header[0] == 0x7F && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F';
}
