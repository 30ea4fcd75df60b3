using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;

namespace BulkMailer.UnitTests.Ses;

public sealed class SesErrorClassifierTests
{
    [Theory]
    [InlineData("TooManyRequestsException", 429, SesErrorKind.Transient)]
    [InlineData("LimitExceededException", 400, SesErrorKind.Transient)]
    [InlineData("ThrottlingException", 400, SesErrorKind.Transient)]
    [InlineData("InternalFailure", 500, SesErrorKind.Transient)]
    [InlineData(null, 500, SesErrorKind.Transient)]
    [InlineData(null, 502, SesErrorKind.Transient)]
    [InlineData(null, 503, SesErrorKind.Transient)]
    [InlineData(null, 429, SesErrorKind.Transient)]
    [InlineData(null, null, SesErrorKind.Transient)]
    [InlineData("MessageRejected", 400, SesErrorKind.Permanent)]
    [InlineData("BadRequestException", 400, SesErrorKind.Permanent)]
    [InlineData("MailFromDomainNotVerifiedException", 400, SesErrorKind.Systemic)]
    [InlineData("NotFoundException", 404, SesErrorKind.Systemic)]
    [InlineData("TemplateDoesNotExist", 400, SesErrorKind.Systemic)]
    [InlineData("ConfigurationSetDoesNotExist", 400, SesErrorKind.Systemic)]
    [InlineData(null, 400, SesErrorKind.Systemic)]
    [InlineData(null, 404, SesErrorKind.Systemic)]
    [InlineData(null, 301, SesErrorKind.Systemic)]
    [InlineData(null, 504, SesErrorKind.Transient)]
    [InlineData("SomethingNewException", 400, SesErrorKind.Permanent)]
    [InlineData("SendingPausedException", 400, SesErrorKind.Systemic)]
    [InlineData("AccountSuspendedException", 400, SesErrorKind.Systemic)]
    [InlineData("AccessDeniedException", 403, SesErrorKind.Systemic)]
    [InlineData("UnrecognizedClientException", 403, SesErrorKind.Systemic)]
    [InlineData(null, 403, SesErrorKind.Systemic)]
    public void An_error_code_and_status_map_to_the_kind_the_sender_acts_on(string? code, int? status, SesErrorKind expected)
    {
        Assert.Equal(expected, SesErrorClassifier.Classify(code, status));
    }

    [Theory]
    [InlineData(BulkEmailStatus.MessageRejected, SesErrorKind.Permanent)]
    [InlineData(BulkEmailStatus.MailFromDomainNotVerified, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.ConfigurationSetDoesNotExist, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.ConfigurationSetNotFound, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.TemplateDoesNotExist, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.TemplateNotFound, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.InvalidSendingPoolName, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.InvalidParameter, SesErrorKind.Permanent)]
    [InlineData(BulkEmailStatus.AccountSuspended, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.AccountSendingPaused, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.ConfigurationSetSendingPaused, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.AccountDailyQuotaExceeded, SesErrorKind.Systemic)]
    [InlineData(BulkEmailStatus.AccountThrottled, SesErrorKind.Transient)]
    [InlineData(BulkEmailStatus.TransientFailure, SesErrorKind.Transient)]
    [InlineData(BulkEmailStatus.Failed, SesErrorKind.Transient)]
    [InlineData("SOMETHING_NEW", SesErrorKind.Transient)]
    public void A_failed_bulk_entry_status_maps_to_the_same_kinds_as_single_sends(string status, SesErrorKind expected)
    {
        Assert.Equal(expected, SesErrorClassifier.ClassifyBulkStatus(status));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(429, false)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public void Only_a_server_error_answer_leaves_open_whether_SES_accepted_the_mail(int status, bool expected)
    {
        Assert.Equal(expected, SesErrorClassifier.IsAmbiguousStatus(status));
    }

    [Fact]
    public void A_successful_bulk_entry_has_no_failure_kind()
    {
        var result = new BulkEmailEntryResult { Status = BulkEmailStatus.Success, MessageId = "m-1" };

        Assert.True(result.IsSuccess);
        Assert.Null(result.FailureKind);
    }

    [Theory]
    [InlineData("TooManyRequestsException", true)]
    [InlineData("ThrottlingException", true)]
    [InlineData("Throttling", true)]
    [InlineData("LimitExceededException", true)]
    [InlineData(BulkEmailStatus.AccountThrottled, true)]
    [InlineData(BulkEmailStatus.AccountDailyQuotaExceeded, true)]
    [InlineData("ServiceUnavailable", false)]
    [InlineData("RequestTimeout", false)]
    [InlineData(BulkEmailStatus.TransientFailure, false)]
    [InlineData(null, false)]
    public void Only_rate_refusals_count_as_throttling(string? codeOrStatus, bool expected)
    {
        Assert.Equal(expected, SesErrorClassifier.IsThrottling(codeOrStatus));
    }

    [Theory]
    [InlineData("TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.sesv2/", "TooManyRequestsException")]
    [InlineData("com.amazonaws.sesv2#MessageRejected", "MessageRejected")]
    [InlineData("  NotFoundException  ", "NotFoundException")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_error_code_is_taken_bare_from_header_or_body_forms(string? raw, string? expected)
    {
        Assert.Equal(expected, SesErrorClassifier.NormalizeCode(raw));
    }
}
