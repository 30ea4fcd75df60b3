namespace BulkMailer.TestSupport.Ses;

/// <summary>One scripted answer of <see cref="SesStandIn"/>.</summary>
public sealed class SesStandInReply
{
    private SesStandInReply(int status, string? body, string? errorType, TimeSpan delay, bool dropConnection)
    {
        Status = status;
        Body = body;
        ErrorType = errorType;
        Delay = delay;
        DropConnection = dropConnection;
    }

    public int Status { get; }

    /// <summary>Null: the stand-in answers as SES would on success (a message id, or SUCCESS for every bulk entry).</summary>
    public string? Body { get; }

    /// <summary>Value of the <c>x-amzn-ErrorType</c> header, when set.</summary>
    public string? ErrorType { get; }

    public TimeSpan Delay { get; }

    /// <summary>Read the request, then cut the connection before the answer is complete: the ambiguous case.</summary>
    public bool DropConnection { get; }

    public static SesStandInReply Success() => new(200, null, null, TimeSpan.Zero, false);

    /// <summary>An SES error the way SES v2 sends it: the code in <c>x-amzn-ErrorType</c> and the JSON body.</summary>
    public static SesStandInReply Error(int status, string code, string message = "injected") =>
        new(status, $$"""{"__type":"{{code}}","message":"{{message}}"}""", code + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/", TimeSpan.Zero, false);

    /// <summary>An error code carried only in the body (no header), as some front ends answer.</summary>
    public static SesStandInReply ErrorInBodyOnly(int status, string code, string message = "injected") =>
        new(status, $$"""{"code":"{{code}}","message":"{{message}}"}""", null, TimeSpan.Zero, false);

    public static SesStandInReply Raw(int status, string body) => new(status, body, null, TimeSpan.Zero, false);

    /// <summary>SES's answer when the account's sending rate is exceeded.</summary>
    public static SesStandInReply MaximumSendingRateExceeded() => Error(429, "TooManyRequestsException", "Maximum sending rate exceeded.");

    /// <summary>What a wrong endpoint or a proxy answers: an HTML page without an SES error code.</summary>
    public static SesStandInReply HtmlPage(int status) => Raw(status, $"<html><body><h1>{status}</h1></body></html>");

    /// <summary>SUCCESS for <paramref name="entries"/> bulk entries, but without message ids.</summary>
    public static SesStandInReply BulkSuccessWithoutMessageIds(int entries) =>
        Raw(200, "{\"BulkEmailEntryResults\":[" + string.Join(",", Enumerable.Repeat("""{"Status":"SUCCESS"}""", entries)) + "]}");

    /// <summary>A bulk answer with the given per-entry statuses (message ids for SUCCESS entries).</summary>
    public static SesStandInReply Bulk(params string[] statuses) =>
        new(200, "{\"BulkEmailEntryResults\":[" + string.Join(",", statuses.Select((s, i) => s == "SUCCESS"
            ? $$"""{"Status":"SUCCESS","MessageId":"standin-bulk-{{i}}"}"""
            : $$"""{"Status":"{{s}}","Error":"injected {{s}}"}""")) + "]}", null, TimeSpan.Zero, false);

    /// <summary>Answers successfully, but only after <paramref name="delay"/> (to provoke client timeouts).</summary>
    public static SesStandInReply Slow(TimeSpan delay) => new(200, null, null, delay, false);

    public static SesStandInReply Drop() => new(0, null, null, TimeSpan.Zero, true);
}
