namespace BulkMailer.Ses.Model;

/// <summary>A piece of text with its charset.</summary>
public sealed class Content
{
    public string? Data { get; set; }

    public string? Charset { get; set; }

    /// <summary>Text with an explicit UTF-8 charset, so SES never guesses (its default is 7-bit ASCII).</summary>
    public static Content Utf8(string data) => new() { Data = data, Charset = "UTF-8" };
}
