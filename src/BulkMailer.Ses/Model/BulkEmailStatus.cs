namespace BulkMailer.Ses.Model;

/// <summary>
/// The per-entry statuses SendBulkEmail returns (the SDK's <c>BulkEmailStatus</c> constants). SES's model spells the
/// missing configuration set and template <c>*_NOT_FOUND</c>; older SDKs and emulators <c>*_DOES_NOT_EXIST</c>: both are read.
/// </summary>
public static class BulkEmailStatus
{
    public const string Success = "SUCCESS";
    public const string MessageRejected = "MESSAGE_REJECTED";
    public const string MailFromDomainNotVerified = "MAIL_FROM_DOMAIN_NOT_VERIFIED";
    public const string ConfigurationSetDoesNotExist = "CONFIGURATION_SET_DOES_NOT_EXIST";
    public const string TemplateDoesNotExist = "TEMPLATE_DOES_NOT_EXIST";
    public const string ConfigurationSetNotFound = "CONFIGURATION_SET_NOT_FOUND";
    public const string TemplateNotFound = "TEMPLATE_NOT_FOUND";
    public const string AccountSuspended = "ACCOUNT_SUSPENDED";
    public const string AccountThrottled = "ACCOUNT_THROTTLED";
    public const string AccountDailyQuotaExceeded = "ACCOUNT_DAILY_QUOTA_EXCEEDED";
    public const string InvalidSendingPoolName = "INVALID_SENDING_POOL_NAME";
    public const string AccountSendingPaused = "ACCOUNT_SENDING_PAUSED";
    public const string ConfigurationSetSendingPaused = "CONFIGURATION_SET_SENDING_PAUSED";
    public const string InvalidParameter = "INVALID_PARAMETER";
    public const string TransientFailure = "TRANSIENT_FAILURE";
    public const string Failed = "FAILED";
}
