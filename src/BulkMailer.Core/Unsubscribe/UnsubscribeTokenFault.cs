namespace BulkMailer.Core.Unsubscribe;

/// <summary>Why a token was refused; each has its own answer text (<see cref="UnsubscribeTokenCheck.Message"/>).</summary>
public enum UnsubscribeTokenFault
{
    /// <summary>The token verified and has not expired.</summary>
    None,

    /// <summary>Not a token of this format at all: missing, wrong shape, not base64url, unknown version.</summary>
    Malformed,

    /// <summary>Well-formed, but its signature matches no signing key: altered, or signed with a retired key.</summary>
    Tampered,

    /// <summary>Signed by us, but past its expiry.</summary>
    Expired,
}
