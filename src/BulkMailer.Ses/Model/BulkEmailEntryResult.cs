using System.Text.Json.Serialization;
using BulkMailer.Ses.Errors;

namespace BulkMailer.Ses.Model;

/// <summary>The outcome of one bulk entry: <see cref="BulkEmailStatus"/> text, the message id on success, the error otherwise.</summary>
public sealed class BulkEmailEntryResult
{
    public string? Status { get; set; }

    public string? MessageId { get; set; }

    public string? Error { get; set; }

    [JsonIgnore]
    public bool IsSuccess => string.Equals(Status, BulkEmailStatus.Success, StringComparison.Ordinal);

    /// <summary>How the sender must treat a failed entry; null for <see cref="BulkEmailStatus.Success"/>.</summary>
    [JsonIgnore]
    public SesErrorKind? FailureKind => SesErrorClassifier.ClassifyBulkStatus(Status);

    /// <summary>The entry was refused for rate reasons (<see cref="SesErrorClassifier.IsThrottling"/> of its status).</summary>
    [JsonIgnore]
    public bool IsThrottled => SesErrorClassifier.IsThrottling(Status);
}
