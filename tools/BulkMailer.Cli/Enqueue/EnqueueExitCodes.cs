namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// Exit codes of <c>bulkmailer enqueue</c>, most severe first when several apply
/// (interrupted, then failed, then invalid). Also in the command's help and docs/enqueue.md.
/// </summary>
public static class EnqueueExitCodes
{
    /// <summary>Every line is enqueued (or was by an earlier run); --dry-run: no invalid line.</summary>
    public const int Success = 0;

    /// <summary>
    /// Some jobs failed after retries (listed in the checkpoint and retried by a rerun), or SQS refused the whole run
    /// (no such queue, access denied, no credentials).
    /// </summary>
    public const int SomeFailed = 1;

    /// <summary>Usage error: bad or missing option, unreadable file or CSV header, checkpoint of another file.</summary>
    public const int Usage = 2;

    /// <summary>Invalid lines: reported by --dry-run, or skipped (not enqueued) by a real run.</summary>
    public const int InvalidLines = 4;

    /// <summary>Interrupted (Ctrl-C/SIGTERM): the checkpoint covers every acknowledged line; rerun to continue.</summary>
    public const int Interrupted = 130;

    /// <summary>The table printed in the command's help.</summary>
    public const string HelpTable =
        "Exit codes: 0 all enqueued (dry run: no invalid line); 1 some jobs failed after retries (rerun retries them) or SQS refused the run; "
        + "2 usage error; 4 invalid lines found (dry run) or skipped; 130 interrupted (rerun continues after the checkpoint).";
}
