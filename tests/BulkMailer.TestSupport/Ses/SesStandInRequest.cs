namespace BulkMailer.TestSupport.Ses;

/// <summary>A request the stand-in received, as it arrived.</summary>
public sealed class SesStandInRequest
{
    public SesStandInRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Header names are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }
}
