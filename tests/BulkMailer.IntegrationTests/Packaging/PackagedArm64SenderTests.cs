using System.Text.Json;
using BulkMailer.Cli.Packaging;
using BulkMailer.Deployment.Options;
using BulkMailer.Deployment.Packaging;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.IntegrationTests.Packaging;

/// <summary>
/// What `bulkmailer package` builds for the default architecture is what Lambda runs: the arm64 Native AOT sender,
/// cross-compiled here, runs one real batch under qemu-aarch64 against PostgreSQL and the SES emulator. Slow (one
/// Native AOT cross build, a few minutes) but bounded. The machine needs the packages of
/// tools/toolchain/install-cross-toolchain.sh and install-arm64-emulation.sh; both are run when missing.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class PackagedArm64SenderTests(LocalServersFixture stack)
{
    private static string Job(string jobId, string to) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["jobId"] = jobId, ["campaignId"] = "arm64", ["from"] = "news@acme.example", ["to"] = to, ["subject"] = "Hello", ["text"] = "from arm64",
    });

    [Fact]
    public async Task The_packaged_arm64_sender_sends_and_records_a_batch_under_qemu()
    {
        var output = Directory.CreateTempSubdirectory("bulkmailer-arm64-").FullName;
        try
        {
            var packaged = await FunctionPackager.PackageAsync(new PackageRequest
            {
                Architecture = FunctionArchitecture.Arm64,
                OutputDirectory = output,
                Functions = [.. FunctionPackages.All.Where(f => f.Name == "sender")],
                InstallToolchain = true,
            }, progress: null, CancellationToken.None);
            var bootstrap = Assert.Single(packaged).BootstrapPath;
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(bootstrap)!, FunctionPackages.CaBundleFile)));

            var db = await stack.NewDatabaseAsync("arm64");
            await using var runtime = RuntimeApiServer.Start();
            var environment = new Dictionary<string, string>(stack.Stack.AwsEnvironment())
            {
                ["BULKMAILER_DB"] = db,
                ["AWS_LAMBDA_FUNCTION_NAME"] = "sender-arm64",
                ["AWS_ENDPOINT_URL_SES"] = stack.SesEndpoint.ToString().TrimEnd('/'),
            };
            var (program, arguments) = await Arm64Emulator.LaunchAsync(bootstrap);
            await using var process = FunctionProcess.StartExecutable(program, arguments, runtime.RuntimeApiAddress, environment);

            var outcome = await runtime.InvokeAsync(SqsEvents.Build(
                ("a1", Job("arm-1", "one.arm64@example.com")),
                ("a2", Job("arm-2", "two.arm64@example.com")),
                ("a3", Job("arm-3", "not-an-address"))), timeout: TimeSpan.FromMinutes(2));

            Assert.False(outcome.IsError, outcome.BodyText + string.Join('\n', process.Lines));
            Assert.Empty(SqsEvents.Failures(outcome.BodyText));
            Assert.Equal(["arm-1|sent", "arm-2|sent", "arm-3|rejected"],
                await TableState.LinesAsync(db, "select job_id || '|' || status from mail_message order by job_id"));
            Assert.Equal(["one.arm64@example.com", "two.arm64@example.com"], await SesStore.RecipientsAsync(stack.SesEndpoint, "arm64"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
