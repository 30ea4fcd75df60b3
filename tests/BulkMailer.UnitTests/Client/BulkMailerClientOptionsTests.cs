using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using Microsoft.Extensions.DependencyInjection;

namespace BulkMailer.UnitTests.Client;

public sealed class BulkMailerClientOptionsTests
{
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/mail-jobs";

    [Fact]
    public void The_defaults_are_valid_once_a_queue_url_is_given()
    {
        var options = new BulkMailerClientOptions { QueueUrl = QueueUrl };

        Assert.Empty(options.Validate());
        Assert.Equal(8, options.MaxBatchesInFlight);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(256 * 1024, options.MaxBatchBytes);
        Assert.False(options.IsFifo);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new BulkMailerClientOptions { QueueUrl = "mail-jobs", MaxBatchesInFlight = 0, MaxAttempts = 0, MaxRetryDelay = TimeSpan.Zero, BaseRetryDelay = TimeSpan.FromSeconds(1) };

        var problems = options.Validate();

        Assert.Equal(4, problems.Count);
        var error = Assert.Throws<ArgumentException>(() => new BulkMailerClient(options, new ScriptedSqs()));
        Assert.Contains("QueueUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchesInFlight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_queue_is_recognised_by_its_url_suffix()
    {
        Assert.True(new BulkMailerClientOptions { QueueUrl = QueueUrl + ".fifo" }.IsFifo);
        Assert.NotEmpty(new BulkMailerClientOptions { QueueUrl = QueueUrl + ".fifo", Fifo = false }.Validate());
    }

    [Fact]
    public void The_client_keeps_its_own_copy_of_the_options()
    {
        var options = new BulkMailerClientOptions { QueueUrl = QueueUrl };
        using var client = new BulkMailerClient(options, new ScriptedSqs());

        options.MaxBatchesInFlight = 99;

        Assert.Equal(8, client.Options.MaxBatchesInFlight);
    }

    [Fact]
    public void AddBulkMailerClient_registers_one_client_for_both_service_types()
    {
        var services = new ServiceCollection();
        services.AddBulkMailerClient(options =>
        {
            options.QueueUrl = QueueUrl;
            options.Region = "eu-west-1";
        });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<BulkMailerClient>();

        Assert.Same(client, provider.GetRequiredService<IBulkMailerClient>());
        Assert.Equal(QueueUrl, client.Options.QueueUrl);
    }

    [Fact]
    public void AddBulkMailerClient_fails_on_resolution_when_the_options_are_invalid()
    {
        var services = new ServiceCollection();
        services.AddBulkMailerClient(options => options.MaxAttempts = 0);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IBulkMailerClient>());
    }
}
