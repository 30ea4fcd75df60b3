using System.Text.Json;
using System.Text.Json.Nodes;
using BulkMailer.Ses.Model;

namespace BulkMailer.UnitTests.Ses;

/// <summary>The wire JSON must use the SES v2 API's member names (PascalCase, as in the API reference).</summary>
public sealed class SesRequestJsonTests
{
    [Fact]
    public void A_simple_send_email_request_serializes_to_the_documented_shape()
    {
        var request = new SendEmailRequest
        {
            FromEmailAddress = "Acme News <news@acme.example>",
            Destination = new Destination { ToAddresses = ["ada@example.com"] },
            ReplyToAddresses = ["support@acme.example"],
            Content = new EmailContent
            {
                Simple = new Message
                {
                    Subject = Content.Utf8("Hello"),
                    Body = new Body { Text = Content.Utf8("plain"), Html = Content.Utf8("<p>html</p>") },
                    Headers = [new MessageHeader { Name = "List-Unsubscribe", Value = "<https://acme.example/u/42>" }],
                },
            },
            EmailTags = [new MessageTag { Name = "campaign", Value = "welcome" }],
            ConfigurationSetName = "bulkmailer-events",
        };

        var json = JsonSerializer.Serialize(request, SesJsonContext.Default.SendEmailRequest);

        AssertJson("""
            {
              "FromEmailAddress": "Acme News <news@acme.example>",
              "Destination": { "ToAddresses": ["ada@example.com"] },
              "ReplyToAddresses": ["support@acme.example"],
              "Content": {
                "Simple": {
                  "Subject": { "Data": "Hello", "Charset": "UTF-8" },
                  "Body": {
                    "Text": { "Data": "plain", "Charset": "UTF-8" },
                    "Html": { "Data": "<p>html</p>", "Charset": "UTF-8" }
                  },
                  "Headers": [ { "Name": "List-Unsubscribe", "Value": "<https://acme.example/u/42>" } ]
                }
              },
              "EmailTags": [ { "Name": "campaign", "Value": "welcome" } ],
              "ConfigurationSetName": "bulkmailer-events"
            }
            """, json);
    }

    [Fact]
    public void A_template_send_email_request_carries_template_name_and_data_as_a_string()
    {
        var request = new SendEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            Destination = new Destination { ToAddresses = ["ada@example.com"] },
            Content = new EmailContent { Template = new Template { TemplateName = "welcome-v3", TemplateData = """{"name":"Ada"}""" } },
        };

        var json = JsonSerializer.Serialize(request, SesJsonContext.Default.SendEmailRequest);

        AssertJson("""
            {
              "FromEmailAddress": "news@acme.example",
              "Destination": { "ToAddresses": ["ada@example.com"] },
              "Content": { "Template": { "TemplateName": "welcome-v3", "TemplateData": "{\"name\":\"Ada\"}" } }
            }
            """, json);
    }

    [Fact]
    public void A_bulk_request_serializes_entries_with_replacement_template_data_and_tags()
    {
        var request = new SendBulkEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            DefaultContent = new BulkEmailContent { Template = new Template { TemplateName = "welcome-v3", TemplateData = "{}" } },
            DefaultEmailTags = [new MessageTag { Name = "campaign", Value = "welcome" }],
            ConfigurationSetName = "bulkmailer-events",
            BulkEmailEntries =
            [
                new BulkEmailEntry
                {
                    Destination = new Destination { ToAddresses = ["ada@example.com"] },
                    ReplacementEmailContent = new ReplacementEmailContent { ReplacementTemplate = new ReplacementTemplate { ReplacementTemplateData = """{"name":"Ada"}""" } },
                    ReplacementTags = [new MessageTag { Name = "bulkmailer-job", Value = "am9iLTE" }],
                },
            ],
        };

        var json = JsonSerializer.Serialize(request, SesJsonContext.Default.SendBulkEmailRequest);

        AssertJson("""
            {
              "FromEmailAddress": "news@acme.example",
              "DefaultContent": { "Template": { "TemplateName": "welcome-v3", "TemplateData": "{}" } },
              "DefaultEmailTags": [ { "Name": "campaign", "Value": "welcome" } ],
              "BulkEmailEntries": [
                {
                  "Destination": { "ToAddresses": ["ada@example.com"] },
                  "ReplacementTags": [ { "Name": "bulkmailer-job", "Value": "am9iLTE" } ],
                  "ReplacementEmailContent": { "ReplacementTemplate": { "ReplacementTemplateData": "{\"name\":\"Ada\"}" } }
                }
              ],
              "ConfigurationSetName": "bulkmailer-events"
            }
            """, json);
    }

    [Fact]
    public void A_bulk_response_is_read_with_per_entry_status_message_id_and_error()
    {
        var response = JsonSerializer.Deserialize("""
            {"BulkEmailEntryResults":[{"Status":"SUCCESS","MessageId":"m-1"},{"Status":"MESSAGE_REJECTED","Error":"rejected"}]}
            """, SesJsonContext.Default.SendBulkEmailResponse)!;

        Assert.Collection(response.BulkEmailEntryResults!,
            ok => Assert.Equal(("SUCCESS", "m-1", true), (ok.Status, ok.MessageId, ok.IsSuccess)),
            failed => Assert.Equal(("MESSAGE_REJECTED", "rejected", false), (failed.Status, failed.Error, failed.IsSuccess)));
    }

    private static void AssertJson(string expected, string actual)
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual {actual}");
    }
}
