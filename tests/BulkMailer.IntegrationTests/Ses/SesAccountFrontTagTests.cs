using Amazon.Runtime;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalServers.Ses;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;

namespace BulkMailer.IntegrationTests.Ses;

/// <summary>
/// The SES front before the real emulator keeps what SES keeps with each accepted mail and the emulator does not: its
/// message tags, by the SES message id; and it can lose an answer after the emulator accepted the mail.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SesAccountFrontTagTests(LocalServersFixture stack) : IAsyncLifetime
{
    private SesAccountFront _front = null!;
    private SesClient _client = null!;

    public Task InitializeAsync()
    {
        _front = SesAccountFront.Start(stack.SesEndpoint, new SesAccountLimits());
        _client = new SesClient(new SesClientOptions { Region = "us-east-1", Endpoint = _front.Endpoint, Credentials = new BasicAWSCredentials("local", "local") });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _front.DisposeAsync();
    }

    [Fact]
    public async Task A_sent_mail_is_recorded_with_its_tags_and_configuration_set_under_the_message_id_SES_answered()
    {
        var response = await _client.SendEmailAsync(Mail($"tags{Guid.NewGuid():N}@example.com", [Tag("bulkmailer-job", "c3ByaW5nLzE"), Tag("campaign", "spring")]));

        Assert.Equal(
            new Dictionary<string, string> { ["ses:configuration-set"] = "bulkmailer-events", ["bulkmailer-job"] = "c3ByaW5nLzE", ["campaign"] = "spring" },
            _front.Tags.TagsOf(response.MessageId!));
        Assert.Null(_front.Tags.TagsOf("not-a-message-id"));
        Assert.Equal(0, _front.Tags.SendsInFlight);
    }

    [Fact]
    public async Task Each_bulk_entry_is_recorded_with_the_default_tags_and_its_replacement_tags_winning_on_the_same_name()
    {
        var template = $"tags-{Guid.NewGuid():N}";
        await SesStore.CreateTemplateAsync(stack.SesEndpoint, template, "Hello", "Hi {{name}}");

        var response = await _client.SendBulkEmailAsync(new SendBulkEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            DefaultContent = new BulkEmailContent { Template = new Template { TemplateName = template, TemplateData = "{}" } },
            DefaultEmailTags = [Tag("campaign", "spring"), Tag("wave", "1")],
            BulkEmailEntries = [.. new[] { "a", "b" }.Select(job => new BulkEmailEntry
            {
                Destination = new Destination { ToAddresses = [$"{job}{Guid.NewGuid():N}@example.com"] },
                ReplacementEmailContent = new ReplacementEmailContent { ReplacementTemplate = new ReplacementTemplate { ReplacementTemplateData = """{"name":"Ada"}""" } },
                ReplacementTags = [Tag("bulkmailer-job", job), Tag("wave", "2")],
            })],
        });

        var ids = response.BulkEmailEntryResults!.Select(r => r.MessageId!).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(new Dictionary<string, string> { ["campaign"] = "spring", ["wave"] = "2", ["bulkmailer-job"] = "a" }, _front.Tags.TagsOf(ids[0]));
        Assert.Equal(new Dictionary<string, string> { ["campaign"] = "spring", ["wave"] = "2", ["bulkmailer-job"] = "b" }, _front.Tags.TagsOf(ids[1]));
    }

    [Fact]
    public async Task A_lost_answer_is_a_504_the_sender_takes_as_ambiguous_while_SES_keeps_the_mail_and_its_tags()
    {
        var marker = $"lose{Guid.NewGuid():N}"[..12];
        var to = $"r1.{marker}@example.com";
        _front.LoseNextAnswerTo(to);

        var lost = await Assert.ThrowsAsync<SesException>(() => _client.SendEmailAsync(Mail(to, [Tag("bulkmailer-job", "bG9zdA")])));
        var again = await _client.SendEmailAsync(Mail(to, [Tag("bulkmailer-job", "bG9zdA")]));

        Assert.Equal((504, true, SesErrorKind.Transient), (lost.StatusCode, lost.IsAmbiguous, lost.Kind));
        Assert.Equal((1, 2, 2), (_front.LostAnswers, _front.AcceptedMails, _front.Tags.Count));
        Assert.Equal([to, to], await SesStore.RecipientsAsync(stack.SesEndpoint, marker));
        Assert.Equal("bG9zdA", _front.Tags.TagsOf(again.MessageId!)?["bulkmailer-job"]);
    }

    private static MessageTag Tag(string name, string value) => new() { Name = name, Value = value };

    private static SendEmailRequest Mail(string to, List<MessageTag> tags) => new()
    {
        FromEmailAddress = "news@acme.example",
        Destination = new Destination { ToAddresses = [to] },
        Content = new EmailContent { Simple = new Message { Subject = Content.Utf8("s"), Body = new Body { Text = Content.Utf8("b") } } },
        EmailTags = tags,
        ConfigurationSetName = "bulkmailer-events",
    };
}
