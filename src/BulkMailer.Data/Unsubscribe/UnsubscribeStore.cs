using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Unsubscribe.Ports;

namespace BulkMailer.Data.Unsubscribe;

/// <summary>
/// The unsubscribe function's port on PostgreSQL: the suppression list's <c>suppress</c> statement (Queries/suppression.sql,
/// idempotent) on the environment's one static connection, logged in as the role that may only insert suppressions
/// (migration V010).
/// </summary>
public sealed class UnsubscribeStore(StaticConnection connection) : IUnsubscribeStore
{
    /// <summary>The suppression list's <c>source</c> of addresses suppressed through their own link.</summary>
    public const string Source = "unsubscribe-link";

    private readonly MailStore _mail = new(connection);

    public Task UnsubscribeAsync(string email, CancellationToken cancellationToken) =>
        _mail.SuppressAsync(email, IUnsubscribeStore.Reason, Source, cancellationToken);
}
