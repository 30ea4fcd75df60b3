using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Monitoring;
using Npgsql;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>The sampler counts the cluster's client connections from pg_stat_activity, by application name, without counting itself.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ConnectionSamplerTests(LocalServersFixture stack)
{
    private async Task<List<NpgsqlConnection>> OpenAsync(string applicationName, int count)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < count; i++)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(stack.Postgres.ConnectionString)
            {
                Pooling = false,
                ApplicationName = applicationName,
            }.ConnectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }
        return connections;
    }

    [Fact]
    public async Task Three_open_connections_are_counted_under_their_application_name_and_the_sampler_is_not()
    {
        var application = $"sampler-test-{Guid.NewGuid():N}"[..30];
        await using var sampler = new ConnectionSampler(stack.Postgres.ConnectionString, TimeSpan.FromMilliseconds(50));
        await sampler.StartAsync();

        var connections = await OpenAsync(application, 3);
        ConnectionSample during;
        try
        {
            during = await sampler.SampleOnceAsync();
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
        await Task.Delay(200);
        var after = await sampler.SampleOnceAsync();
        await sampler.StopAsync();

        Assert.Equal(3, during.ByApplication[application]);
        Assert.True(during.Total >= 3);
        Assert.Equal(during.Total, during.ByApplication.Values.Sum());
        Assert.DoesNotContain(ConnectionSampler.ApplicationName, during.ByApplication.Keys);
        Assert.False(after.ByApplication.ContainsKey(application));
        Assert.Equal(3, sampler.PeakByApplication[application]);
        Assert.True(sampler.Peak >= 3);
        Assert.InRange(sampler.Mean, 0, sampler.Peak);
    }

    [Fact]
    public async Task The_background_loop_keeps_sampling_until_stopped()
    {
        await using var sampler = new ConnectionSampler(stack.Postgres.ConnectionString, TimeSpan.FromMilliseconds(50));
        await sampler.StartAsync();

        await Task.Delay(600);
        await sampler.StopAsync();
        var samples = sampler.Samples;
        await Task.Delay(200);

        Assert.InRange(samples.Count, 5, 20);
        Assert.Equal(samples.Count, sampler.Samples.Count);
        Assert.Equal(samples.OrderBy(s => s.Elapsed), samples);
        Assert.Equal(0, sampler.FailedSamples);
    }

    [Fact]
    public async Task Other_observers_that_name_themselves_the_sampler_are_not_counted()
    {
        await using var sampler = new ConnectionSampler(stack.Postgres.ConnectionString);
        await sampler.StartAsync();

        var observers = await OpenAsync(ConnectionSampler.ApplicationName, 2);
        var during = await sampler.SampleOnceAsync();
        foreach (var observer in observers)
        {
            await observer.DisposeAsync();
        }

        Assert.DoesNotContain(ConnectionSampler.ApplicationName, during.ByApplication.Keys);
        Assert.Equal(during.ByApplication.Values.Sum(), during.Total);
    }
}
