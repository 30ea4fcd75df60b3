namespace BulkMailer.Unsubscribe.Ports;

/// <summary>What the unsubscribe function needs of the database: add one address to the suppression list, idempotently.</summary>
public interface IUnsubscribeStore
{
    /// <summary>The suppression list's reason for addresses that unsubscribed themselves.</summary>
    public const string Reason = "unsubscribe";

    /// <summary>Suppresses <paramref name="email"/> with <see cref="Reason"/>; an address already listed keeps its first reason.</summary>
    Task UnsubscribeAsync(string email, CancellationToken cancellationToken);
}
