using BulkMailer.Deployment.Budget;

namespace BulkMailer.UnitTests.Budget;

public sealed class SenderThroughputTests
{
    private static SenderThroughputInput At50Ms { get; } = new() { SesLatencyMs = 50 };

    [Fact]
    public void Ten_send_email_jobs_at_parallelism_eight_take_two_waves_and_two_round_trips()
    {
        SenderThroughput t = SenderThroughput.Of(At50Ms);

        // 10 calls / 8 in flight = 2 waves × 50 ms + 2 × 2 ms = 104 ms per batch of 10.
        Assert.Equal((0, 10, 2, 104.0), (t.BulkJobsPerBatch, t.SesCallsPerBatch, t.WavesPerBatch, t.BatchMs));
        Assert.Equal(96.154, t.PerEnvironmentRate, 3);
    }

    [Fact]
    public void A_batch_of_templated_jobs_is_one_send_bulk_email_call()
    {
        SenderThroughput t = SenderThroughput.Of(At50Ms with { BulkShare = 1 });

        // 1 SendBulkEmail, 1 wave: 54 ms per 10 mails.
        Assert.Equal((10, 1, 1, 54.0), (t.BulkJobsPerBatch, t.SesCallsPerBatch, t.WavesPerBatch, t.BatchMs));
        Assert.Equal(185.185, t.PerEnvironmentRate, 3);
    }

    [Fact]
    public void Half_templated_jobs_leave_five_send_email_calls_and_one_bulk_call()
    {
        SenderThroughput t = SenderThroughput.Of(At50Ms with { BulkShare = 0.5 });

        Assert.Equal((5, 6, 1), (t.BulkJobsPerBatch, t.SesCallsPerBatch, t.WavesPerBatch));
    }

    [Fact]
    public void Bulk_calls_carry_at_most_fifty_jobs_each()
    {
        SenderThroughput t = SenderThroughput.Of(At50Ms with { BatchSize = 120, BulkShare = 1 });

        // 120 templated jobs = 3 SendBulkEmail calls (50 + 50 + 20), one wave.
        Assert.Equal((3, 1, 54.0), (t.SesCallsPerBatch, t.WavesPerBatch, t.BatchMs));
        Assert.Equal(2222.222, t.PerEnvironmentRate, 3);
    }

    [Fact]
    public void Parallelism_one_sends_one_mail_after_another()
    {
        SenderThroughput t = SenderThroughput.Of(new SenderThroughputInput { SesLatencyMs = 100, SendParallelism = 1, DatabaseRoundTripMs = 0 });

        Assert.Equal(10, t.PerEnvironmentRate, 9);
    }

    [Fact]
    public void The_fastest_batch_size_fills_whole_waves()
    {
        Assert.Equal(8, SenderThroughput.FastestBatchSize(At50Ms));
        Assert.Equal(10, SenderThroughput.FastestBatchSize(At50Ms with { BulkShare = 1 }));
        Assert.Equal(10, SenderThroughput.FastestBatchSize(At50Ms with { SendParallelism = 10 }));
    }

    [Fact]
    public void Defaults_are_the_senders_and_the_deployments_own()
    {
        Assert.Equal(SenderThroughputInput.DefaultSendParallelism, new BulkMailer.Sender.SenderOptions().SendParallelism);
        Assert.Equal(SenderThroughputInput.BulkEntriesPerCall, BulkMailer.Ses.Model.SendBulkEmailRequest.MaxEntries);
        Assert.Equal(SenderThroughputInput.DefaultBatchSize, BulkMailer.Deployment.Options.DeploymentOptions.DefaultSender.BatchSize);
    }

    [Theory]
    [InlineData(0, 8, 10, 0, 2)]
    [InlineData(50, 0, 10, 0, 2)]
    [InlineData(50, 8, 0, 0, 2)]
    [InlineData(50, 8, 10, 1.5, 2)]
    [InlineData(50, 8, 10, 0, -1)]
    public void Input_that_cannot_be_modelled_is_refused_with_its_name(double latency, int parallelism, int batch, double bulk, double roundTrip)
    {
        var input = new SenderThroughputInput { SesLatencyMs = latency, SendParallelism = parallelism, BatchSize = batch, BulkShare = bulk, DatabaseRoundTripMs = roundTrip };

        Assert.Single(input.Problems());
        Assert.Throws<ArgumentException>(() => SenderThroughput.Of(input));
    }
}
