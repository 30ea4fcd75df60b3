using System.Runtime.InteropServices;

namespace BulkMailer.LocalLambda.Environments;

/// <summary>kill(2), for freezing (SIGSTOP) and thawing (SIGCONT) environments as Lambda does. Linux only.</summary>
internal static class NativeSignals
{
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
}
