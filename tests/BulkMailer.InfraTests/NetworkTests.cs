using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>
/// The functions reach SES, SQS and CloudFormation's response URL (S3) through one NAT gateway from private subnets
/// with egress; the database sits in isolated subnets with no route out.
/// </summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class NetworkTests(NewDatabaseStack fixture)
{
    private readonly Template _t = fixture.Template;

    [Fact]
    public void One_nat_gateway_serves_the_function_subnets_by_default()
    {
        _t.ResourceCountIs("AWS::EC2::NatGateway", 1);
        foreach (string subnet in new[] { "Subnet1", "Subnet2" })
        {
            _t.HasResourceProperties("AWS::EC2::Route", Obj(
                ("RouteTableId", Obj(("Ref", Match.StringLikeRegexp($"^DatabaseVpcfunctions{subnet}RouteTable")))),
                ("DestinationCidrBlock", "0.0.0.0/0"),
                ("NatGatewayId", Obj(("Ref", Match.StringLikeRegexp("^DatabaseVpcpublicSubnet1NATGateway"))))));
        }
    }

    [Fact]
    public void The_database_lives_in_the_isolated_subnets_which_have_no_route_out()
    {
        _t.HasResourceProperties("AWS::RDS::DBSubnetGroup", Match.ObjectLike(Obj(("SubnetIds", Arr(
            Obj(("Ref", Match.StringLikeRegexp("^DatabaseVpcdatabaseSubnet1"))),
            Obj(("Ref", Match.StringLikeRegexp("^DatabaseVpcdatabaseSubnet2"))))))));
        Assert.Empty(_t.FindResources("AWS::EC2::Route", Obj(("Properties", Match.ObjectLike(Obj(
            ("RouteTableId", Obj(("Ref", Match.StringLikeRegexp("^DatabaseVpcdatabase"))))))))));
    }
}
