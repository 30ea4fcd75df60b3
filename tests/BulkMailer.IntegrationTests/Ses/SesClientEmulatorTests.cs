using BulkMailer.Lambda.Configuration;
using System.Text.Json;
using Amazon.Runtime;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;

namespace BulkMailer.IntegrationTests.Ses;

/// <summary>The SES client against aws-ses-v2-local: what it sends is what an SES v2 endpoint accepts and stores.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class SesClientEmulatorTests : IDisposable
{
    private readonly SesClient _client;
    private readonly SesEmulatorStore _store;

    public SesClientEmulatorTests(LocalServersFixture stack)
    {
        // Options come from the same environment variables a deployed sender reads.
        var environment = stack.Stack.AwsEnvironment();
        var fromEnvironment = SesOptionsFrom(name => environment.TryGetValue(name, out var value) ? value : null);
        _client = new SesClient(new SesClientOptions
        {
            Region = fromEnvironment.Region,
            Endpoint = fromEnvironment.Endpoint,
            Credentials = new BasicAWSCredentials("local", "local"),
        });
        _store = new SesEmulatorStore(stack.SesEndpoint);
    }

    [Fact]
    public async Task A_simple_mail_with_headers_tags_and_reply_to_is_accepted_and_stored_as_sent()
    {
        var response = await _client.SendEmailAsync(new SendEmailRequest
        {
            FromEmailAddress = "Acme News <news@acme.example>",
            Destination = new Destination { ToAddresses = ["ada@example.com"] },
            ReplyToAddresses = ["support@acme.example"],
            Content = new EmailContent
            {
                Simple = new Message
                {
                    Subject = Content.Utf8("Grüße, Ada"),
                    Body = new Body { Text = Content.Utf8("plain body"), Html = Content.Utf8("<p>html body</p>") },
                    Headers = [new MessageHeader { Name = "List-Unsubscribe", Value = "<https://acme.example/u/42>" }],
                },
            },
            EmailTags = [new MessageTag { Name = "campaign", Value = "welcome" }],
            ConfigurationSetName = "bulkmailer-events",
        });

        var mail = await _store.MailAsync(response.MessageId!);
        Assert.Equal("Acme News <news@acme.example>", mail.GetProperty("from").GetString());
        Assert.Equal(["ada@example.com"], Strings(mail.GetProperty("destination").GetProperty("to")));
        Assert.Equal(["support@acme.example"], Strings(mail.GetProperty("replyTo")));
        Assert.Equal("Grüße, Ada", mail.GetProperty("subject").GetString());
        Assert.Equal("plain body", mail.GetProperty("body").GetProperty("text").GetString());
        Assert.Equal("<p>html body</p>", mail.GetProperty("body").GetProperty("html").GetString());
        var header = Assert.Single(mail.GetProperty("headers").EnumerateArray());
        Assert.Equal(("List-Unsubscribe", "<https://acme.example/u/42>"), (header.GetProperty("name").GetString(), header.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task A_template_mail_is_rendered_with_its_template_data()
    {
        var template = $"welcome-{Guid.NewGuid():N}";
        await _store.CreateTemplateAsync(template, "Hello {{name}}", "Hi {{name}}", "<p>Hi {{name}}</p>");

        var response = await _client.SendEmailAsync(new SendEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            Destination = new Destination { ToAddresses = ["ada@example.com"] },
            Content = new EmailContent { Template = new Template { TemplateName = template, TemplateData = """{"name":"Ada"}""" } },
            EmailTags = [new MessageTag { Name = "campaign", Value = "welcome" }],
        });

        var mail = await _store.MailAsync(response.MessageId!);
        Assert.Equal("Hello Ada", mail.GetProperty("subject").GetString());
        Assert.Equal("Hi Ada", mail.GetProperty("body").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_bulk_send_to_three_destinations_delivers_each_with_its_own_replacement_data()
    {
        var template = $"bulk-{Guid.NewGuid():N}";
        await _store.CreateTemplateAsync(template, "Hello {{name}}", "Hi {{name}} from {{team}}", "<p>Hi {{name}}</p>");
        var names = new[] { "Ada", "Grace", "Edsger" };

        var response = await _client.SendBulkEmailAsync(new SendBulkEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            DefaultContent = new BulkEmailContent { Template = new Template { TemplateName = template, TemplateData = """{"team":"Acme"}""" } },
            DefaultEmailTags = [new MessageTag { Name = "campaign", Value = "welcome" }],
            BulkEmailEntries = names.Select(name => new BulkEmailEntry
            {
                Destination = new Destination { ToAddresses = [$"{name.ToLowerInvariant()}@example.com"] },
                ReplacementEmailContent = new ReplacementEmailContent { ReplacementTemplate = new ReplacementTemplate { ReplacementTemplateData = $$"""{"name":"{{name}}"}""" } },
                ReplacementTags = [new MessageTag { Name = "bulkmailer-job", Value = name }],
            }).ToList(),
        });

        var results = response.BulkEmailEntryResults!;
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal((true, (SesErrorKind?)null), (r.IsSuccess, r.FailureKind)));
        for (var i = 0; i < names.Length; i++)
        {
            var mail = await _store.MailAsync(results[i].MessageId!);
            Assert.Equal([$"{names[i].ToLowerInvariant()}@example.com"], Strings(mail.GetProperty("destination").GetProperty("to")));
            Assert.Equal($"Hi {names[i]} from Acme", mail.GetProperty("body").GetProperty("text").GetString());
        }
    }

    [Fact]
    // A missing template is the deployment's mistake, not the message's: systemic, so the batch is handed back.
    public async Task A_missing_template_is_a_systemic_failure_that_ses_certainly_did_not_accept()
    {
        var error = await Assert.ThrowsAsync<SesException>(() => _client.SendEmailAsync(new SendEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            Destination = new Destination { ToAddresses = ["ada@example.com"] },
            Content = new EmailContent { Template = new Template { TemplateName = $"missing-{Guid.NewGuid():N}", TemplateData = "{}" } },
        }));

        Assert.Equal((SesErrorKind.Systemic, "NotFoundException", 404, false), (error.Kind, error.ErrorCode, error.StatusCode, error.IsAmbiguous));
    }

    public void Dispose()
    {
        _client.Dispose();
        _store.Dispose();
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    /// <summary>SES options as the sender builds them from its environment.</summary>
    private static SesClientOptions SesOptionsFrom(Func<string, string?> variables)
    {
        var environment = new FunctionEnvironment(variables);
        return SesClientOptions.For(environment.Region, environment.SesEndpoint);
    }
}
