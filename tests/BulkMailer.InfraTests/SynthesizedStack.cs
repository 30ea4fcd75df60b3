using Amazon.CDK;
using Amazon.CDK.Assertions;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;

namespace BulkMailer.InfraTests;

/// <summary>One synthesized stack and its template, built once per configuration and shared by a test class.</summary>
public abstract class SynthesizedStack
{
    /// <summary>Synthesizes <paramref name="options"/>.</summary>
    protected SynthesizedStack(DeploymentOptions options)
    {
        var app = new App();
        Stack = new BulkMailerStack(app, "BulkMailer", options);
        Template = Template.FromStack(Stack);
    }

    /// <summary>The stack object (budget, constructs).</summary>
    public BulkMailerStack Stack { get; }

    /// <summary>The synthesized CloudFormation template.</summary>
    public Template Template { get; }
}
