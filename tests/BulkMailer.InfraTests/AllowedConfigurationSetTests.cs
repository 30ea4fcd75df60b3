using Amazon.CDK;
using Amazon.CDK.Assertions;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>Configuration sets a job may name besides the default reach the sender and its role together, and no others.</summary>
public sealed class AllowedConfigurationSetTests
{
    private static Template SynthWith(string allowed)
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>(TestOptions.PlaceholderContext) { [DeploymentContextKeys.AllowedConfigurationSets] = allowed },
        });
        return Template.FromStack(new BulkMailerStack(app, "BulkMailer", ContextOptions.Read(app.Node)));
    }

    [Fact]
    public void The_allowed_sets_are_passed_to_the_sender_and_granted_to_its_role()
    {
        var template = SynthWith("promo, transactional");

        template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Sender"),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(("BULKMAILER_ALLOWED_CONFIGURATION_SETS", "promo,transactional")))))))));
        foreach (var name in new[] { "promo", "transactional" })
        {
            template.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
                ("PolicyDocument", Match.ObjectLike(Obj(("Statement", Match.ArrayWith(Arr(Match.ObjectLike(Obj(
                    ("Sid", "SendThroughBulkMailerIdentityAndConfigurationSet"),
                    ("Resource", Match.ArrayWith(Arr(Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr($":configuration-set/{name}")))))))))))))))))));
        }
    }

    [Fact]
    public void A_name_that_is_no_configuration_set_name_fails_the_synth()
    {
        var e = Assert.Throws<DeploymentValidationException>(() => SynthWith("promo,not a set"));

        Assert.Contains(e.Problems, p => p.Contains("'not a set' is not an SES configuration set name", StringComparison.Ordinal));
    }
}
