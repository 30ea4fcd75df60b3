namespace BulkMailer.Cli.Operations;

/// <summary>
/// Exit codes of the operators' commands (<c>status</c>, <c>campaign</c>, <c>redrive</c>, <c>suppression</c>,
/// <c>prune</c>), the same for all of them; also in each command's help and docs/operators.md.
/// </summary>
public static class OperatorExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The database or SQS refused or could not be reached; the message names the cause.</summary>
    public const int Failed = 1;

    /// <summary>Usage error: a missing or malformed option or argument, an unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>What the command names does not exist: a campaign with no recorded jobs, a queue.</summary>
    public const int NotFound = 3;

    /// <summary>Some input lines were bad (reported by line number); every good line was processed.</summary>
    public const int BadLines = 4;

    /// <summary>The change is not allowed: a cancelled campaign is never paused or resumed.</summary>
    public const int Refused = 5;

    /// <summary>Interrupted (Ctrl-C) before the end; whatever was done stays done (redrive: nothing is lost).</summary>
    public const int Interrupted = 130;

    /// <summary>The line every operator command's help ends with.</summary>
    public const string HelpTable =
        "Exit codes: 0 done; 1 database or SQS error; 2 usage error; 3 not found (campaign without jobs, queue); "
        + "4 bad input lines (the good ones were processed); 5 refused (cancelled campaign); 130 interrupted.";
}
