using System.Buffers.Binary;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Annotations = Amazon.CDK.Assertions.Annotations;
using BulkMailer.Deployment.Options;
using BulkMailer.Deployment.Packaging;
using BulkMailer.Infra;

namespace BulkMailer.InfraTests;

/// <summary>The synth deploys packaged code or refuses, naming the command that packages it.</summary>
public sealed class PackagedCodeTests : IDisposable
{
    private const ushort MachineAarch64 = 0xB7;
    private const ushort MachineX86_64 = 0x3E;

    private readonly DirectoryInfo _packages = Directory.CreateTempSubdirectory("bulkmailer-packages-");

    public void Dispose() => _packages.Delete(recursive: true);

    // The 20 bytes ElfArchitecture reads: magic, 64-bit, little-endian, version, then e_type and e_machine.
    private static byte[] ElfHeader(ushort machine)
    {
        var header = new byte[ElfArchitecture.HeaderLength];
        header[0] = 0x7F;
        header[1] = (byte)'E';
        header[2] = (byte)'L';
        header[3] = (byte)'F';
        header[4] = 2;
        header[5] = 1;
        header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(18), machine);
        return header;
    }

    private void Package(ushort machine)
    {
        foreach (FunctionPackage function in FunctionPackages.All)
        {
            string directory = Path.Combine(_packages.FullName, function.Name);
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, FunctionPackages.Executable), ElfHeader(machine));
        }
    }

    // Every function's code path in the temp package directory, as cdk.json would point at artifacts/lambda.
    private DeploymentOptions PackagedHere(FunctionArchitecture architecture = FunctionArchitecture.Arm64) => TestOptions.NewDatabaseAtTheLimit with
    {
        Architecture = architecture,
        AllowPlaceholderCode = false,
        Sender = TestOptions.NewDatabaseAtTheLimit.Sender with { CodePath = Path.Combine(_packages.FullName, FunctionPackages.Sender.Name) },
        Feedback = TestOptions.NewDatabaseAtTheLimit.Feedback with { CodePath = Path.Combine(_packages.FullName, FunctionPackages.Feedback.Name) },
        MigratorCodePath = Path.Combine(_packages.FullName, FunctionPackages.Migrator.Name),
        Unsubscribe = TestOptions.NewDatabaseAtTheLimit.Unsubscribe with { CodePath = Path.Combine(_packages.FullName, FunctionPackages.Unsubscribe.Name) },
        Maintenance = TestOptions.NewDatabaseAtTheLimit.Maintenance with { CodePath = Path.Combine(_packages.FullName, FunctionPackages.Maintenance.Name) },
    };

    private static DeploymentValidationException Refused(DeploymentOptions options) =>
        Assert.Throws<DeploymentValidationException>(() => new BulkMailerStack(new App(), "BulkMailer", options));

    [Fact]
    public void Synth_without_packages_fails_naming_the_package_command_for_every_function()
    {
        var e = Refused(PackagedHere());

        Assert.Equal(5, e.Problems.Count);
        foreach ((string problem, string key) in e.Problems.Zip(["bulkmailer.sender.codePath", "bulkmailer.feedback.codePath", "bulkmailer.migrator.codePath", "bulkmailer.unsubscribe.codePath", "bulkmailer.maintenance.codePath"]))
        {
            Assert.StartsWith("No bootstrap in ", problem, StringComparison.Ordinal);
            Assert.Contains($"({key})", problem, StringComparison.Ordinal);
            Assert.Contains("run `dotnet run --project tools/BulkMailer.Cli -- package --architecture arm64`", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_default_context_deploys_the_packages_and_refuses_to_synthesize_without_them()
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object> { ["bulkmailer.sender.codePath"] = Path.Combine(_packages.FullName, "sender") } });
        DeploymentOptions options = ContextOptions.Read(app.Node);

        Assert.False(options.AllowPlaceholderCode);
        Assert.Equal("artifacts/lambda/migrator", options.MigratorCodePath);
        Assert.Throws<DeploymentValidationException>(() => new BulkMailerStack(app, "BulkMailer", options));
    }

    [Fact]
    public void A_bootstrap_built_for_the_other_processor_fails_the_synth_even_with_the_placeholder_allowed()
    {
        Package(MachineX86_64);

        var e = Refused(PackagedHere() with { AllowPlaceholderCode = true });

        Assert.Equal(5, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Contains("is ELF x86_64, but bulkmailer.architecture is arm64: run `dotnet run --project tools/BulkMailer.Cli -- package --architecture arm64`", p, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bootstrap_that_is_no_elf_executable_fails_the_synth()
    {
        Package(MachineAarch64);
        File.WriteAllText(Path.Combine(_packages.FullName, "feedback", FunctionPackages.Executable), "#!/bin/sh\nexit 1\n");

        string problem = Assert.Single(Refused(PackagedHere()).Problems);

        Assert.Contains("(bulkmailer.feedback.codePath) is not an ELF executable", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bootstraps_of_the_configured_processor_synthesize_with_the_packaged_code_and_no_placeholder()
    {
        Package(MachineX86_64);

        var stack = new BulkMailerStack(new App(), "BulkMailer", PackagedHere(FunctionArchitecture.X86_64));

        Template.FromStack(stack).AllResourcesProperties("AWS::Lambda::Function", Match.ObjectLike(Cfn.Obj(("Architectures", Cfn.Arr("x86_64")))));
        Annotations.FromStack(stack).HasNoWarning("*", Match.StringLikeRegexp("placeholder"));
    }

    [Fact]
    public void The_placeholder_flag_read_from_context_lets_unpackaged_functions_synthesize()
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object>(TestOptions.PlaceholderContext) { ["bulkmailer.sender.codePath"] = Path.Combine(_packages.FullName, "sender") } });
        DeploymentOptions options = ContextOptions.Read(app.Node);

        var stack = new BulkMailerStack(app, "BulkMailer", options);

        Assert.True(options.AllowPlaceholderCode);
        Annotations.FromStack(stack).HasWarning("/BulkMailer/Sender", Match.StringLikeRegexp("placeholder"));
    }
}
