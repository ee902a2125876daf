"""Prints, as JSON, each Lambda function's execution role after SAM's transform of a template.

Run by DeployedPermissionsTest: python3 effective_roles.py TEMPLATE. What SAM deploys is the transformed
template, so this is where the permissions a function really has can be read: SAM adds managed policies
(AWSLambdaBasicExecutionRole) to the roles it generates. Local CodeUri/ContentUri paths are turned into S3
URIs first, as `sam deploy` does when it uploads them. Exit 3 with a message when samtranslator is missing.
"""
import json
import os
import sys

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError as e:
    print("samtranslator is not installed (pip install aws-sam-translator): %s" % e)
    sys.exit(3)


class ManagedPolicies:
    """The ARNs SAM resolves policy names with; offline, the two it may add by itself."""

    def load(self):
        return {
            "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
        }


def main(path):
    if not os.environ.get("AWS_DEFAULT_REGION"):
        os.environ["AWS_DEFAULT_REGION"] = "us-east-1"  # any region: the ARNs are not compared by region
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        for key in ("CodeUri", "ContentUri"):
            if isinstance(properties.get(key), str) and not properties[key].startswith("s3://"):
                properties[key] = "s3://bucket/" + properties[key].lstrip("./")
    resources = transform(template, {}, ManagedPolicies())["Resources"]
    roles = {}
    for name, resource in resources.items():
        if resource.get("Type") != "AWS::Lambda::Function":
            continue
        role = resource["Properties"].get("Role")
        role_id = role.get("Fn::GetAtt", [None])[0] if isinstance(role, dict) else None
        role_resource = resources.get(role_id, {}) if role_id else {}
        role_properties = role_resource.get("Properties", {})
        statements = []
        for policy in role_properties.get("Policies", []):
            document = policy.get("PolicyDocument", {})
            found = document.get("Statement", [])
            statements.extend(found if isinstance(found, list) else [found])
        roles[name] = {
            "role": role_id if role_resource.get("Type") == "AWS::IAM::Role" else json.dumps(role),
            "managedPolicyArns": role_properties.get("ManagedPolicyArns", []),
            "permissionsBoundary": role_properties.get("PermissionsBoundary"),
            "statements": statements,
        }
    print(json.dumps({"functions": roles, "resources": resources}))


if __name__ == "__main__":
    main(sys.argv[1])
