using BulkMailer.Core.Jobs;
using BulkMailer.Core.Ses;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Ses.Model;

namespace BulkMailer.Sender.Sending;

/// <summary>
/// Maps mail jobs (the job format of docs/contract.md) to SES v2 requests. Every mail carries the <see cref="JobTag"/> so that SES
/// feedback finds its job even when the sender died before recording SES's message id.
/// </summary>
public static class SesRequestFactory
{
    /// <param name="unsubscribe">The deployment's unsubscribe links (see <see cref="UnsubscribeHeaders"/>); null for none.</param>
    public static SendEmailRequest SendEmail(MailJob job, string? defaultConfigurationSet, UnsubscribeLinks? unsubscribe = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var headers = UnsubscribeHeaders.For(job, unsubscribe);
        var content = job.Template is { } template
            ? new EmailContent { Template = new Template { TemplateName = template.Name, TemplateData = TemplateData(template), Headers = headers } }
            : new EmailContent
            {
                Simple = new Message
                {
                    Subject = Content.Utf8(job.Subject ?? string.Empty),
                    Body = new Body
                    {
                        Text = job.Text is { Length: > 0 } text ? Content.Utf8(text) : null,
                        Html = job.Html is { Length: > 0 } html ? Content.Utf8(html) : null,
                    },
                    Headers = headers,
                },
            };
        return new SendEmailRequest
        {
            FromEmailAddress = job.From,
            Destination = new Destination { ToAddresses = [job.To] },
            ReplyToAddresses = job.ReplyTo is { Count: > 0 } replyTo ? [.. replyTo] : null,
            Content = content,
            EmailTags = Tags(job),
            ConfigurationSetName = job.ConfigurationSet ?? defaultConfigurationSet,
        };
    }

    /// <summary>One SendBulkEmail for jobs the planner grouped (same template, sender, reply-to, configuration set).</summary>
    public static SendBulkEmailRequest SendBulkEmail(IReadOnlyList<MailJob> jobs, string? defaultConfigurationSet, UnsubscribeLinks? unsubscribe = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var first = jobs[0];
        return new SendBulkEmailRequest
        {
            FromEmailAddress = first.From,
            ReplyToAddresses = first.ReplyTo is { Count: > 0 } replyTo ? [.. replyTo] : null,
            ConfigurationSetName = first.ConfigurationSet ?? defaultConfigurationSet,
            DefaultContent = new BulkEmailContent { Template = new Template { TemplateName = first.Template!.Name, TemplateData = "{}" } },
            BulkEmailEntries = [.. jobs.Select(job => new BulkEmailEntry
            {
                Destination = new Destination { ToAddresses = [job.To] },
                ReplacementTags = Tags(job),
                ReplacementEmailContent = new ReplacementEmailContent { ReplacementTemplate = new ReplacementTemplate { ReplacementTemplateData = TemplateData(job.Template!) } },
                ReplacementHeaders = UnsubscribeHeaders.For(job, unsubscribe),
            })],
        };
    }

    private static string TemplateData(MailTemplate template) => template.Data is { } data ? data.GetRawText() : "{}";

    private static List<MessageTag> Tags(MailJob job)
    {
        var tags = new List<MessageTag> { new() { Name = JobTag.Name, Value = JobTag.Encode(job.JobId) } };
        if (job.Tags is { } callerTags)
        {
            tags.AddRange(callerTags.Select(t => new MessageTag { Name = t.Key, Value = t.Value }));
        }
        return tags;
    }
}
