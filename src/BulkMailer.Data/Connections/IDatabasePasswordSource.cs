namespace BulkMailer.Data.Connections;

/// <summary>
/// Supplies the password for each new physical connection (Npgsql calls it on every open; this project opens one
/// connection per environment, and again only after the server closed it), so a rotated secret or an expiring IAM
/// token never strands an environment with credentials it read once at init.
/// </summary>
public interface IDatabasePasswordSource
{
    ValueTask<string> GetPasswordAsync(CancellationToken cancellationToken);

    /// <summary>The server refused the last password (28P01): forget any cached value so the next call fetches anew.</summary>
    void Invalidate();
}
