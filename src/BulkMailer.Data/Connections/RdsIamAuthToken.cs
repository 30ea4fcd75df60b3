using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace BulkMailer.Data.Connections;

/// <summary>
/// RDS IAM database authentication: the password is a SigV4 presigned URL (service <c>rds-db</c>, action
/// <c>connect</c>, the database user, valid 15 minutes) minus its scheme, signed with the function's own role
/// credentials through AWSSDK.Core's public signer — the same token AWSSDK.RDS's RDSAuthTokenGenerator and botocore's
/// generate_db_auth_token produce (pinned by a unit test). The role needs <c>rds-db:connect</c> on that user; the
/// database role needs the <c>rds_iam</c> grant (migration V005). Tokens are reused for 10 minutes, so a reconnect
/// storm does not sign one per attempt, and are always fresh enough for the server's 15-minute check.
/// </summary>
public sealed class RdsIamAuthToken : IDatabasePasswordSource
{
    /// <summary>How long RDS accepts a token after it was signed (fixed by RDS).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(10);
    private readonly string _host;
    private readonly int _port;
    private readonly string _user;
    private readonly RegionEndpoint _region;
    private readonly AWSCredentials? _credentials;
    private readonly TimeProvider _clock;
    private (string Token, DateTimeOffset SignedAt)? _cached;

    /// <param name="credentials">Null resolves the default chain (in Lambda: the role's environment credentials).</param>
    public RdsIamAuthToken(string host, int port, string user, string region, AWSCredentials? credentials = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(region);
        _host = host;
        _port = port;
        _user = user;
        _region = RegionEndpoint.GetBySystemName(region);
        _credentials = credentials;
        _clock = clock ?? TimeProvider.System;
    }

    public async ValueTask<string> GetPasswordAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_cached is { } cached && now - cached.SignedAt < Reuse)
        {
            return cached.Token;
        }
        var token = await SignAsync(now, cancellationToken).ConfigureAwait(false);
        _cached = (token, now);
        return token;
    }

    public void Invalidate() => _cached = null;

    private async Task<string> SignAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var credentials = _credentials ?? await ResolveCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Get,
            RequestUri = new Uri($"https://{_host}:{_port}/?Action=connect&DBUser={Uri.EscapeDataString(_user)}"),
        };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = _region,
            Service = "rds-db",
            SignedAt = now.UtcDateTime,
        };
        var signed = await AWSSigV4Signer.PresignAsync(request, parameters, Lifetime, cancellationToken).ConfigureAwait(false);
        var url = signed.Uri.OriginalString;
        return url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..] : url;
    }

    private static async Task<AWSCredentials> ResolveCredentialsAsync(CancellationToken cancellationToken)
    {
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        return await resolver.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("no AWS credentials for the RDS IAM authentication token");
    }
}
