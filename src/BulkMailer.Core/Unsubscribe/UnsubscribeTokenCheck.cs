namespace BulkMailer.Core.Unsubscribe;

/// <summary>The outcome of <see cref="UnsubscribeTokenCodec.Verify"/>: the token when it holds, else the fault.</summary>
public sealed record UnsubscribeTokenCheck(UnsubscribeTokenFault Fault, UnsubscribeToken? Token)
{
    public bool IsValid => Fault == UnsubscribeTokenFault.None && Token is not null;

    /// <summary>A short sentence for the person who clicked (no address, no key material).</summary>
    public string Message => Fault switch
    {
        UnsubscribeTokenFault.None => "The unsubscribe link is valid.",
        UnsubscribeTokenFault.Malformed => "The unsubscribe link is incomplete or malformed.",
        UnsubscribeTokenFault.Tampered => "The unsubscribe link was altered and cannot be used.",
        UnsubscribeTokenFault.Expired => "The unsubscribe link has expired.",
        _ => "The unsubscribe link cannot be used.",
    };

    public static UnsubscribeTokenCheck Valid(UnsubscribeToken token) => new(UnsubscribeTokenFault.None, token);

    public static UnsubscribeTokenCheck Refused(UnsubscribeTokenFault fault) => new(fault, null);
}
